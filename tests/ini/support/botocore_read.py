"""Reads AWS config/credentials files with botocore, the AWS CLI's reader, for the tests.

stdin: {"files": [{"path": ..., "kind": "config" | "credentials"}], "shlex": [str, ...]}
stdout: {"files": [{"ok": true, "profiles": [[name, values]], "sso-session": [...],
                    "services": [...]} | {"ok": false, "error": str}],
         "shlex": [[word, ...] | null, ...]}
Pairs keep file order (JSON objects would not: JavaScript sorts integer-like keys first).
"""
import json
import shlex
import sys

from botocore.configloader import build_profile_map, raw_config_parse


def read(path, kind):
    try:
        sections = raw_config_parse(path)
    except Exception as error:  # ConfigParseError, UnicodeDecodeError
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    if kind == "credentials":
        return {"ok": True, "profiles": list(sections.items())}
    built = build_profile_map(sections)
    return {
        "ok": True,
        "profiles": list(built["profiles"].items()),
        "sso-session": list(built["sso_sessions"].items()),
        "services": list(built["services"].items()),
    }


def split(text):
    try:
        return shlex.split(text)
    except ValueError:
        return None


request = json.load(sys.stdin)
json.dump(
    {
        "files": [read(f["path"], f["kind"]) for f in request.get("files", [])],
        "shlex": [split(text) for text in request.get("shlex", [])],
    },
    sys.stdout,
)
