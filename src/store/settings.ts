/** Site settings are configuration, not shared records: they are not replicated through the change log. */
export interface SettingReads {
  get(key: string): Promise<string | null>;
}

export interface SettingWrites {
  set(key: string, value: string): Promise<void>;
}
