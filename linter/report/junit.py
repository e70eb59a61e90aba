"""JUnit XML: one test case per draft, failing when the draft reaches its --fail-on level."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from linter.findings import Report


def render_junit(reports: Sequence[Report], errors: Sequence[str] = (), color: bool = False, **_: object) -> str:
    """A <testsuites> document CI systems can show as test results."""
    failures = sum(r.fails for r in reports)
    suites = ET.Element("testsuites", name="hushlint", tests=str(len(reports) + len(errors)),
                        failures=str(failures), errors=str(len(errors)))
    suite = ET.SubElement(suites, "testsuite", name="hushlint", tests=str(len(reports) + len(errors)),
                          failures=str(failures), errors=str(len(errors)))
    for report in reports:
        case = ET.SubElement(suite, "testcase", classname="hushlint", name=report.source)
        if report.fails:
            failure = ET.SubElement(case, "failure", type=str(report.severity),
                                    message=f"{report.severity} (score {report.score}/100)")
            failure.text = "\n".join(
                f"{f.line}:{f.column} {f.rule} {f.name} [{f.level}] {f.message}"
                + ("" if report.redacted_output else f' "{f.text}"')
                for f in report.findings
            )
    for error in errors:
        case = ET.SubElement(suite, "testcase", classname="hushlint", name=error.split(":", 1)[0])
        ET.SubElement(case, "error", message=error)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
