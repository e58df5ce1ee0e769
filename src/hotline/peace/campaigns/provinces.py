"""The provinces an ambassador can live in: Indonesia's 38 and Vietnam's provinces and centrally-run cities.

Vietnam's list is the 63 units before the 2025 merger (58 provinces, 5 cities) plus Huế (a city since 2025):
the 34 units after the merger all carry one of these names, so a center's list in either form is accepted.
A name is matched without case or diacritics ("jawa barat", "Ha Noi", "TP. Hồ Chí Minh") and stored in its
official spelling below.
"""

import re
import unicodedata

# As the desk's search (hotline.desk.search.normalise), kept here so this data module stays free of Django.
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_NOT_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces ("TP. Hồ Chí Minh" -> "tp ho chi minh")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain).replace("_", " ").split())


INDONESIA = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan",
    "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta", "Jawa Barat", "Banten", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Tengah", "Papua Pegunungan",
    "Papua Selatan",
)  # fmt: skip

VIETNAM = (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
    "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai",
    "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip

# Other ways a center writes the same province (folded like `normalise`) -> the official name.
ALIASES = {
    "jakarta": "DKI Jakarta",
    "dki": "DKI Jakarta",
    "yogyakarta": "DI Yogyakarta",
    "diy": "DI Yogyakarta",
    "daerah istimewa yogyakarta": "DI Yogyakarta",
    "bangka belitung": "Kepulauan Bangka Belitung",
    "babel": "Kepulauan Bangka Belitung",
    "kepri": "Kepulauan Riau",
    "ntb": "Nusa Tenggara Barat",
    "ntt": "Nusa Tenggara Timur",
    "sumut": "Sumatera Utara",
    "sumbar": "Sumatera Barat",
    "sumsel": "Sumatera Selatan",
    "jabar": "Jawa Barat",
    "jateng": "Jawa Tengah",
    "jatim": "Jawa Timur",
    "north sumatra": "Sumatera Utara",
    "west java": "Jawa Barat",
    "central java": "Jawa Tengah",
    "east java": "Jawa Timur",
    "hanoi": "Hà Nội",
    "ho chi minh city": "Hồ Chí Minh",
    "tp ho chi minh": "Hồ Chí Minh",
    "thanh pho ho chi minh": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "saigon": "Hồ Chí Minh",
    "sai gon": "Hồ Chí Minh",
    "da nang": "Đà Nẵng",
    "danang": "Đà Nẵng",
    "hai phong": "Hải Phòng",
    "haiphong": "Hải Phòng",
    "can tho": "Cần Thơ",
    "hue": "Huế",
    "ba ria vung tau": "Bà Rịa - Vũng Tàu",
}

COUNTRY = {**{name: "ID" for name in INDONESIA}, **{name: "VN" for name in VIETNAM}}
_BY_FOLDED = {**{normalise(name): name for name in COUNTRY}, **ALIASES}


def canonical(name: str) -> str | None:
    """The official name of a province given in any case, with or without diacritics; None if unknown."""
    folded = normalise(name or "")
    for prefix in ("provinsi ", "tinh ", "thanh pho ", "tp "):
        if folded not in _BY_FOLDED and folded.startswith(prefix):
            folded = folded.removeprefix(prefix)
    return _BY_FOLDED.get(folded)


def choices() -> list[tuple[str, list[str]]]:
    """The provinces grouped by country, for a select box."""
    return [("Indonesia", sorted(INDONESIA)), ("Việt Nam", sorted(VIETNAM, key=normalise))]
