"""Project-wide promises: production settings pass Django's deploy checks, English is complete."""

import os
import subprocess
import sys
from pathlib import Path

import polib
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_the_deploy_checks(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("a-long-random-production-secret-" + "x7Qp2" * 10)
    keys = tmp_path / "keys"
    keys.write_text(Fernet.generate_key().decode() + "," + Fernet.generate_key().decode())
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "SECRET_KEY_FILE": str(secret),
        "ENCRYPTION_KEYS_FILE": str(keys),
        "ALLOWED_HOSTS": "entraide.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_site_stores_passwords_with_django_s_full_cost_argon2() -> None:
    """The tests hash with a cheaper Argon2 (conftest.py); the settings keep Django's own."""
    from entraide import settings as site_settings

    assert site_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )

    deploy_check = run("manage.py", "check", "--deploy")
    server = run("-c", "import entraide.asgi")
    plain_command = run("manage.py", "showmigrations", "directory")

    assert deploy_check.returncode != 0
    assert "Set SECRET_KEY" in deploy_check.stderr + deploy_check.stdout
    assert server.returncode != 0
    assert "Set SECRET_KEY" in server.stderr
    assert plain_command.returncode == 0, plain_command.stderr


def test_production_refuses_to_start_without_encryption_keys(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2" * 10,
        "ALLOWED_HOSTS": "entraide.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )

    deploy_check = run("manage.py", "check", "--deploy")
    server = run("-c", "import entraide.asgi")

    assert deploy_check.returncode != 0
    assert "Set ENCRYPTION_KEYS" in deploy_check.stderr + deploy_check.stdout
    assert server.returncode != 0
    assert "Set ENCRYPTION_KEYS" in server.stderr


CATALOG = ROOT / "entraide" / "locale" / "en" / "LC_MESSAGES"


def test_every_french_string_has_its_english_translation() -> None:
    catalog = polib.pofile(str(CATALOG / "django.po"))

    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]

    assert len(catalog) > 100
    assert missing == []
    assert fuzzy == []


def test_the_compiled_english_catalog_matches_its_source() -> None:
    source = polib.pofile(str(CATALOG / "django.po"))
    compiled = polib.mofile(str(CATALOG / "django.mo"))

    def pairs(entries: list[polib.POEntry] | list[polib.MOEntry]) -> set[tuple[str, str]]:
        return {(e.msgctxt or "", e.msgid) for e in entries if e.msgid}

    assert pairs(compiled) == pairs(source.translated_entries())


def test_french_plurals_say_zero_in_the_singular() -> None:
    folder = ROOT / "entraide" / "locale" / "fr" / "LC_MESSAGES"
    catalog = polib.pofile(str(folder / "django.po"))
    plurals = [entry for entry in catalog if entry.msgid_plural]

    assert plurals
    assert all(entry.msgstr_plural[0] == entry.msgid for entry in plurals)
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert (folder / "django.mo").exists()
