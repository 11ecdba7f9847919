// The package ships typings for a module named "mgrs", not for its own name: these describe the parts Seam uses.
declare module 'geographiclib-mgrs' {
  interface MgrsReverse {
    /** UTM zone; 0 for UPS. */
    zone: number;
    northp: boolean;
    x: number;
    y: number;
    /** Digits per coordinate; -1 for a bare grid zone designation. */
    prec: number;
  }
  interface GeographicLibMgrs {
    forward(lonLat: [number, number], accuracy?: number): string;
    toPoint(mgrs: string, centerp?: boolean): [number, number];
    MGRS: { reverse(mgrs: string, centerp: boolean): MgrsReverse };
    UTMUPS: {
      reverse(zone: number, northp: boolean, x: number, y: number, mgrslimits: boolean): { lat: number; lon: number };
      checkCoords(utmp: boolean, northp: boolean, x: number, y: number, mgrslimits: boolean, throwp: boolean): boolean;
    };
  }
  const mgrs: GeographicLibMgrs;
  export default mgrs;
}
