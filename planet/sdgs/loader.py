"""Load the 17 goals and 169 targets from the shipped data (data/sdg/, Open SDG, MIT)."""

import re
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "sdg"
LANGUAGE_FOLDERS = {
    "en": "en",
    "fr": "fr",
    "es": "es",
    "ar": "ar",
    "ru": "ru",
    "zh-hans": "zh-Hans",
}
TARGET_KEY = re.compile(r"^(\d+)-(\w+)-title$")


def _read(language_folder: str, name: str) -> dict:
    with open(DATA_DIR / language_folder / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_sdg_data() -> tuple[list[dict], list[dict]]:
    """Return (goals, targets) as plain dicts with texts keyed by language code."""
    colours = yaml.safe_load((DATA_DIR / "colours.yml").read_text(encoding="utf-8"))
    goals = {
        number: {"number": number, "colour": colour, "short_names": {}, "titles": {}}
        for number, colour in colours.items()
    }
    targets: dict[str, dict] = {}
    for language, folder in LANGUAGE_FOLDERS.items():
        for key, text in _read(folder, "global_goals.yml").items():
            number, field = key.split("-")
            goals[int(number)]["short_names" if field == "short" else "titles"][language] = text
        for key, text in _read(folder, "global_targets.yml").items():
            goal, suffix = TARGET_KEY.match(key).groups()
            code = f"{goal}.{suffix}"
            target = targets.setdefault(
                code, {"code": code, "goal": int(goal), "suffix": suffix, "titles": {}}
            )
            target["titles"][language] = " ".join(str(text).split())
    ordered = sorted(
        targets.values(),
        key=lambda t: (t["goal"], not t["suffix"].isdigit(), t["suffix"].zfill(3)),
    )
    positions: dict[int, int] = {}
    for target in ordered:
        positions[target["goal"]] = positions.get(target["goal"], 0) + 1
        target["position"] = positions[target["goal"]]
    return sorted(goals.values(), key=lambda g: g["number"]), ordered


def load_sdgs(Goal, Target) -> None:
    """Create or refresh every goal and target; safe to run again after a data update."""
    goals, targets = read_sdg_data()
    for goal in goals:
        Goal.objects.update_or_create(
            number=goal["number"],
            defaults={k: goal[k] for k in ("colour", "short_names", "titles")},
        )
    for target in targets:
        Target.objects.update_or_create(
            code=target["code"],
            defaults={
                "goal_id": target["goal"],
                "position": target["position"],
                "titles": target["titles"],
            },
        )
