"""MD5 and SHA-256 of any file (image, video, PDF): the exact-match signals."""

from hotline.peace.signals import file_digests


def test_known_digests():
    assert file_digests(b"abc") == {
        "md5": "900150983cd24fb0d6963f7d28e17f72",
        "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    }


def test_empty_file_has_digests_too():
    assert file_digests(b"")["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
