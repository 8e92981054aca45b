// Inline style through the CSSOM only: Lit's styleMap writes a style="" attribute on first render, which the
// CSP (style-src 'self', no 'unsafe-inline') blocks. Used as an element binding: <div ${cssProps({width: '5%'})}>.
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() goes on an element: <div ${cssProps({...})}>');
  }

  render(_props: Record<string, string>): unknown {
    return nothing;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) {
      if (value === '') style.removeProperty(name);
      else style.setProperty(name, value);
    }
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

/** Sets CSS properties (including custom --properties) on the element it is bound to. */
export const cssProps = directive(CssPropsDirective);
