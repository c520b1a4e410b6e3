"""Counts the test cases of every Surefire and Failsafe XML report into one closing line.

Counts <testcase> elements rather than the suite's attributes: a parameterized class's reports
carry its tests in the per-parameter suites and a summary suite that says 0.
"""
import glob
import xml.etree.ElementTree as ET

per_module = {}
for pattern in ("*/target/surefire-reports/TEST-*.xml", "*/target/failsafe-reports/TEST-*.xml"):
    for path in sorted(glob.glob(pattern)):
        module = path.split("/")[0]
        counts = per_module.setdefault(module, {"tests": 0, "failed": 0, "skipped": 0})
        for case in ET.parse(path).getroot().iter("testcase"):
            counts["tests"] += 1
            if case.find("failure") is not None or case.find("error") is not None:
                counts["failed"] += 1
            elif case.find("skipped") is not None:
                counts["skipped"] += 1

total = {"tests": 0, "failed": 0, "skipped": 0}
for module, c in sorted(per_module.items()):
    print(f"  {module:16} {c['tests']:6} tests, {c['failed']} failed, {c['skipped']} skipped")
    for key in total:
        total[key] += c[key]
passed = total["tests"] - total["failed"] - total["skipped"]
print(f"{passed} passed, {total['failed']} failed, {total['skipped']} skipped")
