/** ACLED's six event types with their sub-event types (ACLED codebook, 2023 onward). */
export const acledEventTypes = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;

export type AcledEventType = keyof typeof acledEventTypes;

export interface IncidentTypeInfo {
  label: string;
  acledEventType: AcledEventType;
  acledSubEventType: string;
  /** True for the centres' own types, which ACLED has no direct code for. */
  jcc: boolean;
}

function acled(eventType: AcledEventType, sub: string, label = sub): IncidentTypeInfo {
  return { label, acledEventType: eventType, acledSubEventType: sub, jcc: false };
}

function own(label: string, eventType: AcledEventType, sub: string): IncidentTypeInfo {
  return { label, acledEventType: eventType, acledSubEventType: sub, jcc: true };
}

/** Every incident type code Seam accepts, each mapped to an ACLED event and sub-event type. */
export const incidentTypes = {
  armed_clash: acled('Battles', 'Armed clash'),
  government_regains_territory: acled('Battles', 'Government regains territory'),
  non_state_actor_overtakes_territory: acled('Battles', 'Non-state actor overtakes territory'),
  chemical_weapon: acled('Explosions/Remote violence', 'Chemical weapon'),
  air_drone_strike: acled('Explosions/Remote violence', 'Air/drone strike'),
  suicide_bomb: acled('Explosions/Remote violence', 'Suicide bomb'),
  indirect_fire: acled('Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Indirect fire'),
  ied: acled('Explosions/Remote violence', 'Remote explosive/landmine/IED', 'IED / landmine'),
  grenade: acled('Explosions/Remote violence', 'Grenade'),
  sexual_violence: acled('Violence against civilians', 'Sexual violence'),
  attack_on_civilians: acled('Violence against civilians', 'Attack', 'Attack on civilians'),
  abduction: acled('Violence against civilians', 'Abduction/forced disappearance'),
  peaceful_protest: acled('Protests', 'Peaceful protest'),
  protest_with_intervention: acled('Protests', 'Protest with intervention'),
  excessive_force_against_protesters: acled('Protests', 'Excessive force against protesters'),
  violent_demonstration: acled('Riots', 'Violent demonstration'),
  mob_violence: acled('Riots', 'Mob violence'),
  agreement: acled('Strategic developments', 'Agreement'),
  arrest: acled('Strategic developments', 'Arrests', 'Arrest'),
  change_to_group_activity: acled('Strategic developments', 'Change to group/activity'),
  disrupted_weapons_use: acled('Strategic developments', 'Disrupted weapons use'),
  base_established: acled('Strategic developments', 'Headquarters or base established'),
  looting_property_destruction: acled('Strategic developments', 'Looting/property destruction'),
  non_violent_transfer_of_territory: acled('Strategic developments', 'Non-violent transfer of territory'),
  other: acled('Strategic developments', 'Other'),
  assassination: own('Assassination', 'Violence against civilians', 'Attack'),
  kidnapping: own('Kidnapping', 'Violence against civilians', 'Abduction/forced disappearance'),
  sighting: own('Sighting / suspicious movement', 'Strategic developments', 'Other'),
  checkpoint_attack: own('Checkpoint attack', 'Battles', 'Armed clash'),
  ied_found_cleared: own('IED found or cleared', 'Strategic developments', 'Disrupted weapons use'),
} as const satisfies Record<string, IncidentTypeInfo>;

export type IncidentType = keyof typeof incidentTypes;

export const incidentTypeCodes = Object.keys(incidentTypes) as IncidentType[];

/** True when the string is a known incident type code. */
export function isIncidentType(value: string): value is IncidentType {
  return Object.hasOwn(incidentTypes, value);
}
