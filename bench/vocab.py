"""Vietnamese names, addresses and phrases for generated records."""

import random

from bench.common import pick

# Shares of family names, roughly as in the Red River delta (Đinh is common in Ninh Bình).
SURNAMES = {
    "Nguyễn": 31,
    "Trần": 11,
    "Lê": 9,
    "Phạm": 7,
    "Hoàng": 4,
    "Vũ": 4,
    "Đinh": 4,
    "Phan": 3,
    "Bùi": 3,
    "Đỗ": 2,
    "Đặng": 2,
    "Ngô": 1.5,
    "Dương": 1,
    "Mai": 1,
    "Hà": 1,
    "Tạ": 0.5,
    "Quách": 0.5,
    "Lại": 0.3,
}
MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Ngọc", "Công", "Trọng")
FEMALE_MIDDLE = ("Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Phương", "Kim")
MALE_GIVEN = (
    "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Sơn", "Thắng", "Cường", "Huy",
    "Phong", "Trung", "Hiếu", "Quân", "Tùng", "Thành", "Bình", "An", "Khánh", "Đạt",
)  # fmt: skip
FEMALE_GIVEN = (
    "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Hằng", "Thảo", "Nga", "Yến",
    "Hà", "Vân", "Ngọc", "Thủy", "Huyền", "Nhung", "Oanh", "Dung", "Phượng", "Liên",
)  # fmt: skip
HAMLETS = ("Thôn", "Xóm", "Tổ dân phố")
HAMLET_NAMES = (
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Yên", "Phú", "Hòa",
    "An Thái", "Đồng Tâm", "Văn Hà", "Tân Thành", "Quyết Thắng", "Trung Hòa",
)  # fmt: skip


def person_name(rng: random.Random) -> str:
    surname = pick(rng, SURNAMES)
    if rng.random() < 0.5:
        return f"{surname} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
    return f"{surname} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"


def id_number(rng: random.Random) -> str:
    """A 12-digit citizen identity number: Ninh Bình's code 037, sex and century, birth year."""
    born = rng.randint(1945, 2007)
    sex_century = (0 if born < 2000 else 2) + rng.randint(0, 1)
    return f"037{sex_century}{born % 100:02d}{rng.randint(0, 999_999):06d}"


def address(rng: random.Random, place: str) -> str:
    """`place` is a commune or ward ('Xã Gia Viễn'), written lower-case inside an address."""
    hamlet = rng.choice(HAMLETS)
    name = rng.choice(HAMLET_NAMES) if hamlet != "Tổ dân phố" else str(rng.randint(1, 24))
    return f"{hamlet} {name}, {place[0].lower()}{place[1:]}, tỉnh Ninh Bình"


def phone(rng: random.Random) -> str:
    return f"0{rng.choice('389')}{rng.randint(10_000_000, 99_999_999)}"
