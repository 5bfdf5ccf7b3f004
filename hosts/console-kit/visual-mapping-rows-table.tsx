import type { ComponentType, ReactNode } from 'react';
import type { MappingChooser, MappingRow, MappingTable } from './visual-mapping-tables';

/** The class names a console styles the rows table with, from its own design system. */
export interface RowsTableLook {
  readonly table: string;
  readonly problemRow: string;
  readonly visuallyHidden: string;
  readonly problems?: string;
  readonly problem: string;
}

/**
 * Field rows or value pairs as a plain HTML table: this side's choice (with the problems the node
 * named for the row under it), which way values flow, the other side's choice, and Remove. The
 * console hands in its native select and button; the table's order, headings and problem marking
 * are the same everywhere.
 */
export function MappingRowsTable({
  model,
  look,
  Chooser,
  removeButton,
}: {
  readonly model: MappingTable;
  readonly look: RowsTableLook;
  readonly Chooser: ComponentType<{ readonly chooser: MappingChooser }>;
  readonly removeButton: (row: MappingRow) => ReactNode;
}) {
  return (
    <table className={look.table} aria-label={model.label}>
      <thead>
        <tr>
          <th scope="col">{model.headings.local}</th>
          <th scope="col">{model.headings.direction}</th>
          <th scope="col">{model.headings.remote}</th>
          <th scope="col">
            <span className={look.visuallyHidden}>{model.headings.remove}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {model.rows.map((row, index) => (
          <tr key={index} className={row.problems.length > 0 ? look.problemRow : undefined}>
            <td>
              <Chooser chooser={row.local} />
              {row.problems.length === 0 ? null : (
                <div role="alert" className={look.problems}>
                  {row.problems.map((message) => (
                    <p key={message} className={look.problem}>
                      {message}
                    </p>
                  ))}
                </div>
              )}
            </td>
            <td>
              <Chooser chooser={row.direction} />
            </td>
            <td>
              <Chooser chooser={row.remote} />
            </td>
            <td>{removeButton(row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
