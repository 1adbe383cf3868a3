/** A component that renders the prefill/decode split. */
export function Timeline(props: { ttft: number }) {
  // Line comment: time to first token — measured in ms.
  const label: string = "// not a comment";
  return <div title="/* not a comment */">{/* JSX block comment */}{props.ttft}</div>;
}
