"""Sums the Surefire and Failsafe XML reports of every module into one closing line."""
import glob
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
per_module = {}
for pattern in ("*/target/surefire-reports/TEST-*.xml", "*/target/failsafe-reports/TEST-*.xml"):
    for path in glob.glob(pattern):
        suite = ET.parse(path).getroot()
        module = path.split("/")[0]
        for key in totals:
            n = int(suite.get(key, "0"))
            totals[key] += n
            per_module.setdefault(module, dict.fromkeys(totals, 0))[key] += n

for module, t in sorted(per_module.items()):
    print(f"  {module:16} {t['tests']:6} tests, {t['failures'] + t['errors']} failed, {t['skipped']} skipped")
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"{passed} passed, {failed} failed, {totals['skipped']} skipped")
