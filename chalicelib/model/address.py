"""A postal address (where an order ships, a customer's default), and the
rules it keeps: a known country (ISO 3166-1 alpha-2) and, for the countries
whose shape is fixed, a postal code of that shape."""
import re
from dataclasses import dataclass
from typing import Optional

from ..core.errors import Unprocessable

# ISO 3166-1 alpha-2: every officially assigned code.
COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO
FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE
JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM
TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

# The postal code's shape where a country fixes one (spaces as people write them).
POSTAL_CODES = {
    "US": (re.compile(r"[0-9]{5}(?:-[0-9]{4})?"), "5 digits, or ZIP+4 (12345-6789)"),
    "CA": (re.compile(r"[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]"), "letter digit letter digit letter digit (K1A 0B1)"),
    "GB": (re.compile(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}"), "a UK postcode (SW1A 1AA)"),
    "DE": (re.compile(r"[0-9]{5}"), "5 digits"),
    "FR": (re.compile(r"[0-9]{5}"), "5 digits"),
    "AU": (re.compile(r"[0-9]{4}"), "4 digits"),
}


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    line2: Optional[str] = None
    region: Optional[str] = None  # state, province, county
    postal_code: Optional[str] = None
    phone: Optional[str] = None

    def checked(self, param: str) -> "Address":
        """The address if its postal code fits its country, else 422 naming `param`.postal_code."""
        shape = POSTAL_CODES.get(self.country)
        if shape is None:
            return self
        pattern, words = shape
        if self.postal_code is None or not pattern.fullmatch(self.postal_code):
            raise Unprocessable(f"postal_code for {self.country} must be {words}", code="invalid_postal_code",
                                param=f"{param}.postal_code")
        return self

    def one_line(self) -> str:
        """The address on one line (history entries, exports)."""
        parts = (self.name, self.line1, self.line2, self.city, self.region, self.postal_code, self.country)
        return ", ".join(part for part in parts if part)
