import type { Position } from '../domain/geojson.ts';
import type { PlaceRank } from '../domain/place.ts';
import { allPlaces, sideReferences } from './places.ts';

/** A town of the demo's gazetteer: its names in English, Arabic and Central Kurdish (Sorani), and its rank. */
interface DemoTown {
  name: string;
  ar: string;
  ckb: string;
  rank: PlaceRank;
  /** Where the scenario does not already place it (lon, lat; approximate public coordinates). */
  at?: Position;
}

// Ranks: 1 a governorate capital of over half a million, 2 a large town, 3 a district town, 4 a smaller one.
const towns: DemoTown[] = [
  { name: 'Khanaqin', ar: 'خانقين', ckb: 'خانەقین', rank: 2 },
  { name: 'Jalawla', ar: 'جلولاء', ckb: 'جەلەولا', rank: 3 },
  { name: 'Kifri', ar: 'كفري', ckb: 'کفری', rank: 3 },
  { name: 'Tuz Khurmatu', ar: 'طوز خورماتو', ckb: 'دووزخورماتوو', rank: 2 },
  { name: 'Daquq', ar: 'داقوق', ckb: 'داقووق', rank: 3 },
  { name: 'Kirkuk', ar: 'كركوك', ckb: 'کەرکووک', rank: 1 },
  { name: 'Dibis', ar: 'الدبس', ckb: 'دوبز', rank: 3 },
  { name: 'Makhmour', ar: 'مخمور', ckb: 'مەخموور', rank: 3 },
  { name: 'Gwer', ar: 'الكوير', ckb: 'گوێڕ', rank: 4 },
  { name: 'Bashiqa', ar: 'بعشيقة', ckb: 'بەعشیقە', rank: 3 },
  { name: 'Tel Keppe', ar: 'تلكيف', ckb: 'تەلکێف', rank: 3 },
  { name: 'Zummar', ar: 'زمار', ckb: 'زومار', rank: 4 },
  { name: 'Sinjar', ar: 'سنجار', ckb: 'شنگال', rank: 2 },
  { name: 'Qara Tapa', ar: 'قره تبه', ckb: 'قەرەتەپە', rank: 4 },
  { name: 'Sulaiman Beg', ar: 'سليمان بيك', ckb: 'سلێمان بەگ', rank: 4 },
  { name: 'Taza Khurmatu', ar: 'تازة خورماتو', ckb: 'تازە خورماتوو', rank: 4 },
  { name: 'Altun Kupri', ar: 'التون كوبري', ckb: 'پردێ', rank: 4 },
  { name: 'Hawija', ar: 'الحويجة', ckb: 'حەویجە', rank: 2 },
  { name: 'Qaraj', ar: 'قراج', ckb: 'قەراج', rank: 4 },
  { name: 'Khazir', ar: 'الخازر', ckb: 'خازر', rank: 4 },
  { name: 'Bartella', ar: 'برطلة', ckb: 'بەرتەڵە', rank: 4 },
  { name: 'Mosul', ar: 'الموصل', ckb: 'مووسڵ', rank: 1 },
  { name: 'Alqosh', ar: 'ألقوش', ckb: 'ئەلقۆش', rank: 4 },
  { name: 'Wana', ar: 'وانه', ckb: 'وانە', rank: 4 },
  { name: 'Tal Afar', ar: 'تلعفر', ckb: 'تەلەعفەر', rank: 2 },
  { name: 'Snune', ar: 'سنوني', ckb: 'سنوونێ', rank: 4 },
  { name: 'Erbil', ar: 'أربيل', ckb: 'هەولێر', rank: 1 },
  { name: 'Baghdad', ar: 'بغداد', ckb: 'بەغدا', rank: 1 },
  { name: 'Sulaymaniyah', ar: 'السليمانية', ckb: 'سلێمانی', rank: 1, at: [45.43, 35.56] },
  { name: 'Duhok', ar: 'دهوك', ckb: 'دهۆک', rank: 2, at: [43.0, 36.87] },
  { name: 'Tikrit', ar: 'تكريت', ckb: 'تکریت', rank: 2, at: [43.68, 34.6] },
  { name: 'Baqubah', ar: 'بعقوبة', ckb: 'بەعقووبە', rank: 2, at: [44.65, 33.75] },
  { name: 'Samarra', ar: 'سامراء', ckb: 'سامەڕا', rank: 2, at: [43.88, 34.2] },
  { name: 'Chamchamal', ar: 'جمجمال', ckb: 'چەمچەماڵ', rank: 3, at: [44.83, 35.53] },
  { name: 'Kalar', ar: 'كلار', ckb: 'کەلار', rank: 3, at: [45.32, 34.63] },
  { name: 'Koya', ar: 'كويسنجق', ckb: 'کۆیە', rank: 3, at: [44.63, 36.08] },
  { name: 'Qayyarah', ar: 'القيارة', ckb: 'قەیارە', rank: 3, at: [43.2, 35.8] },
  { name: 'Sharqat', ar: 'الشرقاط', ckb: 'شەرقات', rank: 3, at: [43.23, 35.51] },
  { name: 'Baiji', ar: 'بيجي', ckb: 'بێجی', rank: 3, at: [43.49, 34.93] },
  { name: 'Halabja', ar: 'حلبجة', ckb: 'هەڵەبجە', rank: 3, at: [45.99, 35.18] },
  { name: 'Zakho', ar: 'زاخو', ckb: 'زاخۆ', rank: 2, at: [42.68, 37.14] },
  { name: 'Akre', ar: 'عقرة', ckb: 'ئاکرێ', rank: 3, at: [43.88, 36.74] },
];

const known = new Map<string, Position>([
  ...allPlaces.map((p) => [p.name, p.at] as const),
  ...Object.values(sideReferences).map((p) => [p.name, p.at] as const),
]);

/**
 * The demo's gazetteer: the towns along the exercise line and the cities around it, as the GeoJSON file a site would
 * load with `seam places import` (approximate public coordinates; no population figures, ranks instead).
 */
export function demoGazetteer(): {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: Position };
    properties: { name: string; name_ar: string; name_ckb: string; rank: PlaceRank };
  }>;
} {
  return {
    type: 'FeatureCollection',
    features: towns.map((t) => {
      const at = t.at ?? known.get(t.name);
      if (!at) throw new Error(`the demo gazetteer has no position for ${t.name}`);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [...at] },
        properties: { name: t.name, name_ar: t.ar, name_ckb: t.ckb, rank: t.rank },
      };
    }),
  };
}
