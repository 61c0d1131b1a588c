interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email";
  autoComplete: string;
  hint?: string;
  /** What is wrong with the value, shown under the field and read with it. */
  problem?: string;
}

/** One labelled input, its hint and its problem, each tied to the input so that a screen reader reads them with it. */
export function FormField({ id, label, value, onChange, type = "text", autoComplete, hint, problem }: Props) {
  const described = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(" ");
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-error`} className="form-error">
          {problem}
        </span>
      )}
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </p>
  );
}
