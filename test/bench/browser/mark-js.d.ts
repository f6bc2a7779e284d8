declare module 'mark.js' {
  export default class Mark {
    constructor(context: Element | Element[] | NodeList | string);
    markRegExp(regexp: RegExp, options?: { each?: (element: Element) => void; done?: (count: number) => void }): void;
  }
}
