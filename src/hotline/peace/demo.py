"""The demo's bank: a few harmless synthetic items (generated pictures of shapes and invented slogans
marked DEMO, nothing real), added by the demo `coordinator` and shared with the other demo node. Safe to
run twice."""

import io
import random

DEMO_BANK = "DEMO_SYNTHETIC"
TEXTS = {
    "bnpt": [
        "DEMO (fiktif): Bergabunglah dengan Gerakan Fiktif Nusantara, waktunya telah tiba! Contoh sintetis "
        "untuk pelatihan Pusat Media Damai.",
        "DEMO (fiktif): Para pahlawan Gerakan Fiktif akan dikenang selamanya. Teks buatan untuk uji "
        "pencocokan.",
    ],
    "mps": [
        "DEMO (hư cấu): Hãy gia nhập Phong trào Hư cấu, thời khắc đã đến! Văn bản tổng hợp để đào tạo.",
        "DEMO (hư cấu): Những người hùng của Phong trào Hư cấu sẽ được ghi nhớ mãi mãi. Văn bản mẫu để thử.",
    ],
}


def picture(seed: int) -> bytes:
    """A synthetic picture: coloured shapes and the word DEMO."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(320), rng.randrange(240)
        box = (x, y, x + rng.randrange(20, 160), y + rng.randrange(20, 120))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    draw.text((12, 12), f"DEMO {seed}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed(node: str) -> None:
    from django.contrib.auth import get_user_model

    from hotline.federation.models import Partner
    from hotline.peace import services
    from hotline.peace.models import Bank

    if Bank.objects.filter(name=DEMO_BANK).exists():
        return
    user = get_user_model().objects.get(username="coordinator")
    bank = services.create_bank(
        user, DEMO_BANK, tlp="green",
        description=f"Demo bank of {node.upper()}: synthetic pictures and invented slogans, nothing real.",
    )  # fmt: skip
    base = 1000 if node == "bnpt" else 2000
    for number in range(3):
        labels = services.Labels(
            organisation="Fictitious Movement (demo)",
            behaviour=("glorification", "recruitment", "threat")[number],
            tags=["demo", "synthetic"], notes="Generated for the demo; not real propaganda.",
        )  # fmt: skip
        services.add_content(user, bank, picture(base + number), labels, keep_content=True)
    for number, text in enumerate(TEXTS.get(node, TEXTS["bnpt"])):
        labels = services.Labels(
            organisation="Fictitious Movement (demo)", behaviour=("recruitment", "glorification")[number],
            tags=["demo"],
        )  # fmt: skip
        services.add_text(user, bank, text, labels, keep_content=True)
    for partner in Partner.objects.filter(active=True):
        services.share_bank(user, bank, partner)
