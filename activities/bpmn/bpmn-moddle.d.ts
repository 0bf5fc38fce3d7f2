// bpmn-moddle 10 ships no types; DefinitelyTyped's describe the v9 default export.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: any; warnings: { message: string; element?: { id?: string } }[] }>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    toXML(element: any, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
