// bpmn-moddle ships types for the BPMN elements only (bpmn-moddle/types), not for its entry point.
declare module 'bpmn-moddle' {
  import type { ModdleElement } from 'moddle';
  import type { BpmnBaseElement, BpmnModdleTypeMap, BpmndiModdleTypeMap, DcModdleTypeMap } from 'bpmn-moddle/types';

  /** The elements of BPMN 2.0 and of its diagram interchange, by the type name moddle creates them with. */
  export type Elements = BpmnModdleTypeMap & BpmndiModdleTypeMap & DcModdleTypeMap;
  export type ElementType = keyof Elements;
  /** Any element of a process, as a reference or a shape designates it. */
  export type BaseElement = ModdleElement<BpmnBaseElement>;
  /** The properties an element is created with: its own, not moddle's ($type, $parent, get, …). */
  export type Properties<T extends ElementType> = Partial<Omit<Elements[T], keyof ModdleElement<object>>>;

  export interface ParseResult {
    rootElement: unknown;
    warnings: { message: string }[];
  }
  export interface Moddle {
    create<T extends ElementType>(type: T, properties?: Properties<T>): Elements[T];
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: BaseElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
  /** A moddle that reads and writes BPMN 2.0 XML. */
  export function BpmnModdle(additionalPackages?: object): Moddle;
}
