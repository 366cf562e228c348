/** What the reader refuses (one located line each) and what it reads: HTML, Markdown, reports without numbers. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { MAX_REPORT_CHARS, readReports } from "../../src/read/index.js";

const read = (text: string, file = "report.txt") => readReports([{ file, text }]);
const refused = (text: string, file = "report.txt") => {
  try {
    read(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).toLine();
  }
  throw new Error("not refused");
};

describe("bad input", () => {
  it("refuses an empty report", () =>
    expect(refused(" \n\t\n")).toMatch(/^report\.txt: the report is empty \(/));
  it("refuses a binary file, pointing at the first bad byte", () =>
    expect(refused("PK\u0003\u0004\u0000\u0000 zip", "a.zip")).toMatch(/^a\.zip:1:3: the file is binary/));
  it("refuses a report over the size bound", () =>
    expect(refused("word ".repeat(MAX_REPORT_CHARS / 5 + 1))).toMatch(/over the 1,000,000 read/));
  it.each([
    [
      "German",
      "Amazon hat eine neue Investition von fünf Milliarden Dollar in Anthropic angekündigt. Die Firma sagt, dass die Rechenzentren im nächsten Jahr mit fünf Gigawatt arbeiten sollen und dass die Kosten noch nicht bekannt sind.",
    ],
    [
      "French",
      "Amazon a annoncé un nouvel investissement de cinq milliards de dollars dans Anthropic. La société indique que les centres de données fonctionneront avec cinq gigawatts et que les coûts ne sont pas encore connus du public.",
    ],
    [
      "Chinese",
      "亚马逊宣布向人工智能公司投资五十亿美元，双方将在未来十年内建设五吉瓦的数据中心，用于训练和运行大型语言模型，这是迄今为止规模最大的云计算合作之一，市场反应非常强烈。",
    ],
  ])("says so for a report in %s", (_lang, text) =>
    expect(refused(text)).toMatch(
      /^report\.txt: the report does not read as English .*\(gigawatt read knows English only/,
    ),
  );
  it("refuses no report at all", () => expect(() => readReports([])).toThrow(InputError));
  it("refuses a bad --date", () =>
    expect(() => readReports([{ file: "a", text: "x" }], { date: "April" })).toThrow(
      expect.objectContaining({ location: "date" }),
    ));
});

describe("what it reads", () => {
  it("reads a report with no numbers as no claims, and says so", () => {
    const r = read("Amazon and Anthropic deepen their partnership. The companies say more is to come.");
    expect(r.claims).toEqual([]);
    expect(r.files[0]!.notes).toContain("no quantities found");
  });

  it("strips HTML, its scripts and entities", () => {
    const r = read(
      "<html><head><script>var x = '$9 billion';</script></head><body><p>Amazon invests $5&nbsp;billion in Anthropic&#8217;s lab.</p></body></html>",
    );
    expect(r.files[0]!.format).toBe("html");
    expect(r.claims.map((c) => c.text)).toEqual(["$5 billion"]);
    expect(r.claims[0]!.sentence).toBe("Amazon invests $5 billion in Anthropic’s lab.");
  });

  it("strips Markdown and keeps its lines", () => {
    const r = read(
      "# The deal\n\n**Amazon** invests [$5 billion](https://example.com) in Anthropic.\n\n- up to *5 GW*",
    );
    expect(r.files[0]!.format).toBe("markdown");
    expect(r.claims.map((c) => [c.text, c.line])).toEqual([
      ["$5 billion", 3],
      ["up to 5 GW", 5],
    ]);
  });

  it("never gives a non-finite value", () => {
    const r = read("Amazon invests $1e999 billion, or 9".repeat(3));
    for (const c of r.claims) if (typeof c.value === "number") expect(Number.isFinite(c.value)).toBe(true);
  });
});
