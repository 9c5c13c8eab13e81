/**
 * A labelled select of a GET filter form (dashboard, comments): "all" first when the filter may be empty.
 * The id is `f-<name>`, which tests and the label rely on.
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  value: string | undefined | null;
  options: { value: string; label: string }[];
  /** The label of the empty choice (no filter); omitted when a value is required. */
  all?: string;
}) {
  const id = `f-${props.name}`;
  return (
    <div className="filter">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""}>
        {props.all ? <option value="">{props.all}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
