import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentQueryOf, computerOfInventory, prologDeviceIdOf } from '../../inventory/agent-inventory';
import { computerChanges } from '../../inventory/computer-changes';
import { matchingComputer, type KnownComputer } from '../../inventory/computer-matching';

// A real inventory of a Debian virtual machine by fusioninventory-agent 2.6 (its package list cut to 25).
const debianVm = readFileSync(new URL('fixtures/debian-vm.xml', import.meta.url), 'utf8');
const withBios = (xml: string, bios: string) => xml.replace(/<BIOS>[\s\S]*?<\/BIOS>/, `<BIOS>${bios}</BIOS>`);
const workstation = withBios(
  debianVm.replace('<MEMORY>24105</MEMORY>', '<MEMORY>16384</MEMORY><UUID>4C4C4544-0042-3510-8052-B4C04F4B4E32</UUID>'),
  '<SSN>5CG1234XYZ</SSN><SMANUFACTURER>HP</SMANUFACTURER><SMODEL>EliteBook 840 G8</SMODEL><BVERSION>T37 Ver. 01.10.00</BVERSION>',
);

describe('an agent inventory read', () => {
  it('gives the computer its agent saw: identity, system, hardware, network cards and software', () => {
    const computer = computerOfInventory(debianVm);
    expect(computer).toMatchObject({
      deviceId: 'vm-2026-12-06-03-40-03',
      name: 'vm',
      serial: null,
      uuid: null,
      type: 'Virtual machine',
      osName: 'Debian GNU/Linux 12 (bookworm)',
      osVersion: '12.11',
      osArch: 'x86_64',
      memoryMb: 24105,
      cpus: [{ name: 'AMD EPYC', manufacturer: 'AMD', cores: 2, threads: 2 }],
      disks: [{ name: 'vda', sizeMb: 274877 }],
    });
    // One card per interface, with every address it holds; the loopback is not a card.
    expect(computer.networkCards.find((card) => card.name === 'eth0')).toEqual({
      name: 'eth0',
      mac: '02:fc:00:00:00:01',
      ips: ['192.0.2.2', 'fd00::2', 'fe80::fc:ff:fe00:1'],
      virtual: false,
    });
    expect(computer.networkCards.map((card) => card.name)).not.toContain('lo');
    expect(computer.software).toHaveLength(25);
    expect(computer.software[0]).toEqual({ name: 'adduser', publisher: 'Debian', version: '3.134', arch: 'all' });
  });

  it('reads a workstation’s serial, UUID, maker and model, and takes firmware placeholders for no serial', () => {
    expect(computerOfInventory(workstation)).toMatchObject({
      serial: '5CG1234XYZ',
      uuid: '4c4c4544-0042-3510-8052-b4c04f4b4e32',
      manufacturer: 'HP',
      model: 'EliteBook 840 G8',
      bios: { version: 'T37 Ver. 01.10.00' },
    });
    expect(computerOfInventory(withBios(debianVm, '<SSN>To Be Filled By O.E.M.</SSN>')).serial).toBeNull();
  });

  it('tells a PROLOG from an INVENTORY, and names what a broken inventory lacks', () => {
    const prolog =
      '<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>pc-12-2026</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>';
    expect(agentQueryOf(prolog)).toBe('PROLOG');
    expect(prologDeviceIdOf(prolog)).toBe('pc-12-2026');
    expect(agentQueryOf(debianVm)).toBe('INVENTORY');
    expect(() => computerOfInventory(debianVm.replace('<NAME>vm</NAME>', ''))).toThrow(/REQUEST\/CONTENT\/HARDWARE\/NAME/);
    expect(() => computerOfInventory('<REQUEST><QUERY>INVENTORY</QUERY')).toThrow(
      expect.objectContaining({ details: { fields: { body: expect.stringMatching(/^not well-formed XML/) } } }),
    );
  });
});

describe('matching an inventory to a known computer', () => {
  const seen = computerOfInventory(workstation);
  const known = (id: number, fields: Partial<KnownComputer>): KnownComputer => ({
    id,
    name: `pc-${id}`,
    deviceId: null,
    serial: null,
    uuid: null,
    macs: [],
    ...fields,
  });

  it('follows GLPI’s order: agent, serial with UUID, serial, UUID, physical MAC, then name', () => {
    const byName = known(1, { name: 'VM' });
    const byMac = known(2, { macs: ['02:fc:00:00:00:01'] });
    const byUuid = known(3, { uuid: seen.uuid });
    const bySerial = known(4, { serial: seen.serial, uuid: 'another' });
    const byBoth = known(5, { serial: seen.serial, uuid: seen.uuid });
    const byAgent = known(6, { deviceId: seen.deviceId });
    const all = [byName, byMac, byUuid, bySerial, byBoth, byAgent];
    expect(matchingComputer(seen, all)?.id).toBe(6);
    expect(matchingComputer(seen, all.slice(0, 5))?.id).toBe(5);
    expect(matchingComputer(seen, all.slice(0, 4))?.id).toBe(4);
    expect(matchingComputer(seen, all.slice(0, 3))?.id).toBe(3);
    expect(matchingComputer(seen, all.slice(0, 2))?.id).toBe(2);
    // A computer with a serial, a UUID or a physical card is never taken for another by its name alone.
    expect(matchingComputer(seen, [byName])).toBeUndefined();
    const bare = computerOfInventory(debianVm.replace(/<NETWORKS>[\s\S]*<\/NETWORKS>/, ''));
    expect(matchingComputer(bare, [byName])?.id).toBe(1);
  });

  it('does not match on a virtual interface’s MAC', () => {
    expect(matchingComputer(seen, [known(7, { macs: ['6e:66:9d:53:74:b8'] })])).toBeUndefined();
  });
});

describe('changes between two inventories', () => {
  it('are none when the computer is as it was, and one line per field or package otherwise', () => {
    const before = computerOfInventory(workstation);
    expect(computerChanges(before, computerOfInventory(workstation))).toEqual([]);
    const upgraded = computerOfInventory(
      workstation
        .replace('<MEMORY>16384</MEMORY>', '<MEMORY>32768</MEMORY>')
        .replace('<VERSION>3.134</VERSION>', '<VERSION>3.135</VERSION>')
        .replace(
          /<SOFTWARES>\s*<ARCH>[^<]*<\/ARCH>\s*<FILESIZE>[^<]*<\/FILESIZE>\s*<FROM>deb<\/FROM>\s*<NAME>apt<\/NAME>[\s\S]*?<\/SOFTWARES>/,
          '',
        ),
    );
    expect(computerChanges(before, upgraded)).toEqual([
      { field: 'memoryMb', before: '16384', after: '32768' },
      { field: 'software', before: 'adduser 3.134', after: 'adduser 3.135' },
      { field: 'software', before: expect.stringMatching(/^apt /), after: null },
    ]);
  });
});
