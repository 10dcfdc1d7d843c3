// A pasted list of tracking numbers, one order a line: "#1001,1Z999AA10123456784"
// (a comma, semicolon or tab between; the # optional; a third column, if any,
// is the carrier), as a spreadsheet or a carrier's export gives it.

const SEPARATOR = /\s*[,;\t]\s*/;

/** {found: Map "1001" -> {tracking, carrier}, problems: ["line 3: ..."]}. */
export function parseTrackingList(text) {
  const found = new Map();
  const problems = [];
  String(text ?? '').split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const [first, tracking = '', carrier = ''] = line.split(SEPARATOR);
    const number = first.replace(/^#/, '');
    if (index === 0 && !/\d/.test(first)) return; // a header row ("Order,Tracking")
    if (!/^\d+$/.test(number) || !tracking) {
      problems.push(`line ${index + 1} (“${line}”) is not “#number,tracking”`);
      return;
    }
    if (found.has(number)) problems.push(`line ${index + 1}: #${number} is listed twice; the last one is kept`);
    found.set(number, { tracking, carrier });
  });
  return { found, problems };
}
