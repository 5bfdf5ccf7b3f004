/**
 * JavaScript evaluated inside the sandbox before every script. The host shapes the data (see
 * tracker-aliases.ts and scriptIssueData); this part only adds what needs JavaScript semantics:
 * custom fields as `{ value }`, through a Proxy so that a field with no value yet can be set.
 * Compiling costs about 0.13 ms per kilobyte on every run, so it stays small and plain.
 * String.raw keeps escapes as written; the code has no template literals.
 */
export const harnessBaseSource = String.raw`
  // Taken before the script runs: a script may replace these globals, and that must not change
  // how the harness reads its input or hands back its result.
  var parseJson = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray, getProperty = Reflect.get, evaluate = eval;

  // Only the raw value crosses (toJSON), so both sides agree whatever a script assigned.
  function Field(value) { this.value = value === undefined ? null : value; }
  Field.prototype.toJSON = Field.prototype.valueOf = function () { return this.value; };
  Field.prototype.toString = function () { return String(this.value); };

  var fieldTraps = {
    get: function (fields, name, receiver) {
      // JSON.stringify and promise checks look up toJSON and then: they are not fields.
      if (typeof name !== 'string' || name in fields || name === 'toJSON' || name === 'then') return getProperty(fields, name, receiver);
      return (fields[name] = new Field(null));
    },
    set: function (fields, name, value) {
      fields[name] = new Field(value instanceof Field ? value.value : value);
      return true;
    },
  };

  function fieldsView(raw) {
    var fields = {};
    for (var name in raw) fields[name] = new Field(raw[name]);
    return new Proxy(fields, fieldTraps);
  }

  function nameOf(value) {
    return typeof value === 'string' ? value : value && typeof value.name === 'string' ? value.name : null;
  }

  function refuse(helper, message) {
    throw new TypeError(helper + ': ' + message);
  }

  function incomingOnly(input, helper) {
    if (input.direction !== 'incoming') refuse(helper, 'works in the incoming script only.');
  }
`;
