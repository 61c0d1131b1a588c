import { countOf } from "../../lib/plural.ts";

interface Props {
  /** The records server's own message, when it refused the acknowledgement for something other than a field. */
  message?: string;
  /** Each field's problem, with the id of its input. */
  problems: { inputId: string; problem: string }[];
}

/**
 * What stops the acknowledgement, at the top of the form: an alert, so that it is read out when it
 * appears, and focused on a failed submit (the form's `data-autofocus` target), with a link to each field.
 */
export function ErrorSummary({ message, problems }: Props) {
  return (
    <div className="form-error" role="alert" tabIndex={-1} id="acknowledgement-errors">
      <h2>
        {problems.length
          ? `Your acknowledgement is not recorded yet: ${countOf(problems.length, "field")} to fix`
          : "Your acknowledgement was not recorded"}
      </h2>
      {message && <p>{message}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.map(({ inputId, problem }) => (
            <li key={inputId}>
              <a
                href={`#${inputId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(inputId)?.focus();
                }}
              >
                {problem}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
