#!/usr/bin/python3
"""Writes the dashboard benchmark's roster of COUNT units (WORK/units.csv) and its configuration
(WORK/thidua.yaml: config/thidua.yaml with that roster and absolute paths).

    scripts/benchlib/dashboard_roster.py WORK COUNT CONFIG_DIR

Called by scripts/bench-dashboard, from the repository root.
"""
import os, random, sys
work, count, config = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(7)
levels = [("MN", "Mầm non"), ("TH", "Tiểu học"), ("THCS", "THCS")]
names = ["Hoa Sữa", "Thăng Long", "Nguyễn Trãi", "Đống Đa", "Ái Mộ", "Ba Đình", "Kim Đồng", "Lê Quý Đôn", "Hoàng Diệu", "Phan Chu Trinh"]
with open(os.path.join(work, "units.csv"), "w", encoding="utf-8") as f:
    f.write("code,name,level,emails\n")
    for i in range(count):
        code, label = levels[i % 3]
        f.write(f"{code}{i:04d},{label} {names[i % len(names)]} số {i},{code},u{i:04d}@schools.example\n")
text = open(os.path.join(config, "thidua.yaml"), encoding="utf-8").read()
text = text.replace("units: units.csv", "units: " + os.path.join(work, "units.csv"))
text = text.replace("holidays: holidays.yaml", "holidays: " + os.path.join(config, "holidays.yaml"))
text = text.replace("templates: templates", "templates: " + os.path.join(config, "templates"))
# The store is written straight (no files behind its attachments): the document check would
# spend the run finding each one unreadable. It is measured by scripts/bench-check.
assert "document_check:\n  enabled: true" in text
text = text.replace("document_check:\n  enabled: true", "document_check:\n  enabled: false")
open(os.path.join(work, "thidua.yaml"), "w", encoding="utf-8").write(text)
