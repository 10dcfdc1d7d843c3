"""A stand-in Cognito user pool for unit tests of staff sign-in: its own
RSA key, its JWKS served to the verifier (fetches counted), and tokens
shaped like Cognito's, any claim or header overridden."""
import io
import json
import time
import uuid

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

POOL_ID = "us-east-1_StaffTest"
CLIENT_ID = "console-client"
ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
KID = "key-1"


class StandInPool:
    def __init__(self):
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.public_pem = self.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.kids = [KID]
        self.fetches = 0

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {"keys": [{**public, "kid": kid, "alg": "RS256", "use": "sig"} for kid in self.kids]}

    def urlopen(self, url, timeout=None):
        assert url == f"{ISSUER}/.well-known/jwks.json"
        self.fetches += 1
        return io.BytesIO(json.dumps(self.jwks()).encode())

    def token(self, use="access", groups=("manager",), headers=None, key=None, algorithm="RS256", **claims) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "sub": claims.pop("sub", str(uuid.uuid4())), "token_use": use, "iat": now,
                "auth_time": now, "exp": now + 900, "jti": str(uuid.uuid4())}
        body["client_id" if use == "access" else "aud"] = CLIENT_ID
        if use == "access":
            body["username"] = "ann"
        else:
            body.update({"cognito:username": "ann", "email": "ann@example.com", "name": "Ann Operator"})
        if groups is not None:
            body["cognito:groups"] = list(groups)
        body.update(claims)
        body = {name: value for name, value in body.items() if value is not None}
        return jwt.encode(body, self.private_key if key is None else key, algorithm=algorithm,
                          headers={"kid": KID, **(headers or {})})
