/** Looks up the assets of a normalized plant by id, for checking the references in faults and actions. */

import { didYouMean } from './suggest.ts';
import { MACHINE_TYPES, type LineSpec, type MachineSpec, type MachineType } from './types.ts';

export class AssetIndex {
  private readonly kinds = new Map<string, 'line' | 'machine'>();
  private readonly profiles = new Map<string, MachineType>();

  constructor(lines: readonly LineSpec[], machines: readonly MachineSpec[]) {
    for (const l of lines) this.kinds.set(l.id, 'line');
    for (const m of machines) {
      this.kinds.set(m.id, 'machine');
      if ((MACHINE_TYPES as readonly string[]).includes(m.profile)) this.profiles.set(m.id, m.profile as MachineType);
    }
  }

  kindOf(id: string): 'line' | 'machine' | undefined {
    return this.kinds.get(id);
  }

  /** The built-in profile of a machine; undefined for a line or a machine with a profile file. */
  builtinProfileOf(id: string): MachineType | undefined {
    return this.profiles.get(id);
  }

  /** `no line or machine named "Line_D" (did you mean "Line_A"?)` */
  unknownMessage(id: string): string {
    return `no line or machine named "${id}"${didYouMean(id, [...this.kinds.keys()])}`;
  }
}
