"""Every place an import of the product starts (a management command, the task worker's
module, the URLs) works when it is the first: none depends on another module being
imported before it to break a cycle."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "backcare", "guidance", "journal", "ops")

# Run in a fresh interpreter: for each module, forget every product module but those
# holding the models and app configs Django has registered, then import that one first.
SCRIPT = """
import importlib, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "backcare.settings"
import django
django.setup()
from django.apps import apps
# Modules that define models or app configs stay, and the admin: each registered once.
KEEP = {{model.__module__ for model in apps.get_models()}}
KEEP |= {{config.__module__ for config in apps.get_app_configs()}} | {{"backcare.settings"}}
failures = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] in {APPS}]:
        kept = loaded in KEEP or loaded.endswith(".models")
        if not kept and ".migrations" not in loaded and ".admin" not in loaded:
            del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ImportError as error:
        failures.append(f"{{name}}: {{error}}")
print("\\n".join(failures))
"""


# Where an import starts: a management command (run on its own by cron, make or the
# worker), the task module the worker loads by name, and the URLs a server loads first.
ENTRY_POINTS = ("backcare.urls", "journal.tasks")


def product_modules():
    yield from ENTRY_POINTS
    for app in APPS:
        for path in sorted((ROOT / app).glob("management/commands/*.py")):
            if path.stem != "__init__":
                yield ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_every_module_imports_on_its_own():
    modules = list(product_modules())
    assert "journal.management.commands.seed_demo" in modules
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(APPS=set(APPS)), *modules],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", done.stdout
