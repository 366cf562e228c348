#!/usr/bin/env python3
"""Stores the constants of `gigawatt validate training|serving --fit --format json` (stdin) in
data/calibration/<planner>.json, keeping every family's notes and justification."""
import json, sys
planner = sys.argv[1]
fit = json.load(sys.stdin)["fit"]
path = f"data/calibration/{planner}.json"
data = json.load(open(path))
for fam in data["families"]:
    if fam["family"] in fit:
        fam["constants"].update(fit[fam["family"]])
        # Constants equal to the default need not be stored.
        for k in list(fam["constants"]):
            if k in data["default"]["constants"] and fam["constants"][k] == data["default"]["constants"][k] and planner == "training":
                del fam["constants"][k]
with open(path, "w") as f:
    json.dump(data, f, indent=2)
    f.write("\n")
