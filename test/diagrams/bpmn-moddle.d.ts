// bpmn-moddle ships types for the BPMN elements only, not for its entry point.
declare module 'bpmn-moddle' {
  export interface ParseResult {
    rootElement: unknown;
    warnings: { message: string }[];
  }
  export interface Moddle {
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
  /** A moddle that reads and writes BPMN 2.0 XML. */
  export function BpmnModdle(additionalPackages?: object): Moddle;
}
