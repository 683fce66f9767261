import { z } from 'zod';

// What a FusionInventory agent sends, as fast-xml-parser reads it: every value a string, every
// section the agent may repeat an array. Sections and fields guichet does not keep are let through.
const text = z.string().optional();
const section = <Shape extends z.ZodRawShape>(shape: Shape) => z.looseObject(shape);
const sections = <Shape extends z.ZodRawShape>(shape: Shape) => z.array(section(shape)).default([]);

export const AgentInventoryXml = z.object({
  REQUEST: section({
    DEVICEID: z.string().min(1, 'the agent names its device in DEVICEID'),
    QUERY: z.literal('INVENTORY', { error: 'QUERY is INVENTORY for an inventory' }),
    CONTENT: section({
      HARDWARE: section({
        NAME: z.string().min(1, 'HARDWARE/NAME names the computer'),
        UUID: text,
        MEMORY: text,
        VMSYSTEM: text,
        CHASSIS_TYPE: text,
        WORKGROUP: text,
      }),
      BIOS: section({
        SSN: text,
        SMANUFACTURER: text,
        SMODEL: text,
        MMANUFACTURER: text,
        BMANUFACTURER: text,
        BVERSION: text,
        BDATE: text,
      }).optional(),
      OPERATINGSYSTEM: section({ NAME: text, FULL_NAME: text, VERSION: text, ARCH: text, KERNEL_VERSION: text }).optional(),
      CPUS: sections({ NAME: text, MANUFACTURER: text, CORE: text, THREAD: text, SPEED: text }),
      STORAGES: sections({
        NAME: text,
        DESCRIPTION: text,
        MANUFACTURER: text,
        MODEL: text,
        SERIALNUMBER: text,
        DISKSIZE: text,
        TYPE: text,
      }),
      NETWORKS: sections({ DESCRIPTION: text, MACADDR: text, IPADDRESS: text, IPADDRESS6: text, VIRTUALDEV: text, TYPE: text }),
      SOFTWARES: sections({ NAME: text, PUBLISHER: text, VERSION: text, ARCH: text }),
      USERS: sections({ LOGIN: text }),
    }),
  }),
});
export type AgentInventoryXml = z.infer<typeof AgentInventoryXml>;

/** The agent's first message: who it is, asking whether to send an inventory. */
export const AgentPrologXml = z.object({
  REQUEST: section({ DEVICEID: z.string().min(1), QUERY: z.literal('PROLOG') }),
});
