"""Manage API keys: create (prints the new key once), list, revoke.

    python -m ops.keys create --name "shop frontend" --scopes read,write
    python -m ops.keys list
    python -m ops.keys revoke key_0123456789ab

With --stage, the stage's settings come from .chalice/config.json (`local`
talks to the running `make run` emulator); without it, from the environment.
Keys are stored only as SHA-256 hashes."""
import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.keys", description=__doc__.splitlines()[0])
    parser.add_argument("--stage", help="local, dev, prod, ... (default: the environment)")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create a key and print it (once)")
    create.add_argument("--name", required=True)
    create.add_argument("--scopes", default="read,write", help="comma-separated: read, write, admin")
    commands.add_parser("list", help="list keys (ids, names, scopes; never the keys)")
    revoke = commands.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id")
    args = parser.parse_args(argv)
    if args.stage:
        from ops import stage_env
        stage_env.apply(args.stage)
    from chalicelib.core.errors import DomainError
    from chalicelib.domain import auth

    try:
        if args.command == "create":
            key, item = auth.create_key(args.name, [s.strip() for s in args.scopes.split(",") if s.strip()])
            print(f"key_id: {item.key_id}\nscopes: {','.join(sorted(item.scopes))}\napi key (shown once): {key}")
        elif args.command == "list":
            for item in auth.list_keys():
                state = "revoked" if item.revoked else "active"
                print(f"{item.key_id}\t{state}\t{','.join(sorted(item.scopes))}\t{item.created_at}\t{item.name}")
        else:
            item = auth.revoke_key(args.key_id)
            print(f"revoked {item.key_id} ({item.name})")
    except DomainError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
