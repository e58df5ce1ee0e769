"""A QR code as inline SVG, made on the server (no image library, no outside service)."""

import qrcode
import qrcode.image.svg


def svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")
