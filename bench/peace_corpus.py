# ruff: noqa: E501  (the posts are data, one per line)
"""Synthetic posts for the Peace Media Center benchmarks: written for them, nothing real.

Generic propaganda-like calls and peace messages in Indonesian and Vietnamese, the perturbations of the text
robustness table, and a generator of many distinct random posts (for the 1,000,000-post speed run).
"""

from __future__ import annotations

import random

from hotline.peace.signals import fold_diacritics

INDONESIAN = [
    "Saudara-saudara, waktunya telah tiba untuk bangkit dan bergabung dengan perjuangan kita melawan musuh yang zalim",
    "Tinggalkan kehidupan dunia yang sia-sia dan datanglah kepada barisan kami, kemenangan sudah dekat bagi mereka yang berani",
    "Jangan percaya kepada pemerintah, hanya kelompok kami yang membela kalian dan keluarga kalian dari penindasan",
    "Para pemuda harus siap berkorban demi tujuan besar ini, sejarah akan mengingat nama kalian selamanya",
    "Bergabunglah sekarang, hubungi kami melalui saluran rahasia, jangan beritahu siapa pun tentang rencana ini",
    "Musuh kita ada di mana-mana, mereka ingin menghancurkan cara hidup kita, kita harus melawan dengan segala cara",
    "Lihatlah video perjuangan saudara kita di medan laga, semangat mereka tidak akan pernah padam",
    "Kumpulkan dana untuk perjuangan, setiap rupiah yang kalian berikan akan menjadi amal yang besar",
    "Kami memanggil semua yang merasa tertindas untuk bersatu di bawah satu bendera dan satu tujuan",
    "Dunia akan berubah ketika kita berani mengambil langkah pertama, jangan ragu dan jangan takut",
    "Ajaran kami adalah satu-satunya jalan yang benar, semua yang lain adalah kesesatan yang harus ditinggalkan",
    "Latihan akan dimulai bulan depan di tempat yang akan kami beritahukan kepada anggota yang terpilih saja",
    "Sebarkan pesan ini kepada teman-teman kalian agar semakin banyak yang terbangun dari tidur panjang mereka",
    "Mereka yang menolak seruan ini akan menyesal ketika hari pembalasan tiba bagi para pengkhianat",
    "Pemimpin kami telah berbicara, dengarkan pidatonya dan ikuti petunjuknya tanpa bertanya",
    "Mari kita jaga perdamaian di kampung kita, perbedaan adalah kekayaan bangsa Indonesia yang harus dirawat",
    "Jangan mudah terprovokasi oleh pesan berantai di media sosial, periksa dulu kebenarannya sebelum membagikan",
    "Duta Damai mengajak anak muda untuk menyebarkan pesan toleransi dan persaudaraan di dunia maya",
    "Kekerasan tidak pernah menyelesaikan masalah, dialog dan saling menghormati adalah jalan yang lebih baik",
    "Jika kamu melihat konten yang mengajak kekerasan, laporkan kepada platform dan pihak yang berwenang",
    "Keluarga adalah benteng pertama melawan paham radikal, ajak anak-anak berbicara tentang apa yang mereka baca",
    "Bhinneka Tunggal Ika bukan sekadar semboyan, tetapi cara hidup kita sehari-hari sebagai warga negara",
    "Para mantan anggota kelompok ekstrem bercerita bagaimana mereka ditipu oleh janji-janji palsu",
    "Guru dan dosen berperan penting dalam membangun daya kritis siswa terhadap propaganda di internet",
    "Pusat Media Damai mengadakan pelatihan literasi digital untuk pelajar di seluruh provinsi",
    "Tokoh agama dari berbagai keyakinan berkumpul untuk menyerukan perdamaian dan menolak kekerasan",
    "Berita bohong tentang konflik di daerah itu sengaja dibuat untuk memecah belah masyarakat kita",
    "Setiap orang bisa menjadi agen perdamaian dengan memulai dari hal kecil di lingkungan sendiri",
    "Kami mengajak warganet untuk membuat konten positif yang menginspirasi persatuan dan kebersamaan",
    "Radikalisme daring menyasar remaja yang kesepian, mari kita rangkul mereka sebelum terlambat",
]

VIETNAMESE = [
    "Hỡi anh em, đã đến lúc đứng lên và gia nhập cuộc đấu tranh của chúng ta chống lại kẻ thù tàn bạo",
    "Hãy từ bỏ cuộc sống vô nghĩa và đến với hàng ngũ của chúng tôi, chiến thắng đang đến gần với người dũng cảm",
    "Đừng tin vào chính quyền, chỉ có nhóm chúng tôi mới bảo vệ các bạn và gia đình các bạn khỏi áp bức",
    "Thanh niên phải sẵn sàng hy sinh vì mục tiêu lớn lao này, lịch sử sẽ ghi nhớ tên các bạn mãi mãi",
    "Hãy tham gia ngay bây giờ, liên hệ với chúng tôi qua kênh bí mật, đừng nói với ai về kế hoạch này",
    "Kẻ thù của chúng ta ở khắp nơi, chúng muốn phá hủy lối sống của chúng ta, phải chống lại bằng mọi cách",
    "Hãy xem video về cuộc chiến đấu của anh em chúng ta, tinh thần của họ sẽ không bao giờ tắt",
    "Hãy quyên góp tiền cho cuộc đấu tranh, mỗi đồng các bạn đóng góp sẽ là một việc làm cao cả",
    "Chúng tôi kêu gọi tất cả những ai cảm thấy bị áp bức hãy đoàn kết dưới một lá cờ và một mục tiêu",
    "Thế giới sẽ thay đổi khi chúng ta dám bước bước đầu tiên, đừng do dự và đừng sợ hãi",
    "Giáo lý của chúng tôi là con đường đúng đắn duy nhất, mọi thứ khác đều là sai lầm phải từ bỏ",
    "Khóa huấn luyện sẽ bắt đầu vào tháng sau tại một địa điểm chỉ thông báo cho thành viên được chọn",
    "Hãy lan truyền thông điệp này đến bạn bè để ngày càng nhiều người thức tỉnh khỏi giấc ngủ dài",
    "Những kẻ từ chối lời kêu gọi này sẽ hối hận khi ngày phán xét đến với những kẻ phản bội",
    "Thủ lĩnh của chúng tôi đã lên tiếng, hãy nghe bài phát biểu và làm theo chỉ dẫn mà không thắc mắc",
    "Hãy cùng nhau giữ gìn hòa bình trong làng xóm, sự khác biệt là tài sản quý giá của dân tộc",
    "Đừng dễ dàng bị kích động bởi những tin nhắn lan truyền trên mạng xã hội, hãy kiểm tra trước khi chia sẻ",
    "Các đại sứ hòa bình kêu gọi giới trẻ lan tỏa thông điệp khoan dung và tình anh em trên không gian mạng",
    "Bạo lực không bao giờ giải quyết được vấn đề, đối thoại và tôn trọng lẫn nhau là con đường tốt hơn",
    "Nếu bạn thấy nội dung kêu gọi bạo lực, hãy báo cáo cho nền tảng và cơ quan chức năng",
    "Gia đình là thành trì đầu tiên chống lại tư tưởng cực đoan, hãy trò chuyện với con cái về những gì chúng đọc",
    "Đoàn kết trong đa dạng không chỉ là khẩu hiệu mà là cách sống hằng ngày của mỗi công dân",
    "Những cựu thành viên của các nhóm cực đoan kể lại họ đã bị lừa dối bởi những lời hứa hão huyền như thế nào",
    "Giáo viên và giảng viên đóng vai trò quan trọng trong việc xây dựng tư duy phản biện trước tuyên truyền",
    "Trung tâm truyền thông hòa bình tổ chức lớp tập huấn kỹ năng số cho học sinh trên cả nước",
    "Các chức sắc tôn giáo thuộc nhiều tín ngưỡng đã cùng nhau kêu gọi hòa bình và phản đối bạo lực",
    "Tin giả về xung đột ở khu vực đó được cố tình tạo ra để chia rẽ cộng đồng chúng ta",
    "Mỗi người đều có thể trở thành sứ giả hòa bình bắt đầu từ những việc nhỏ trong khu phố của mình",
    "Chúng tôi mời cư dân mạng cùng tạo ra nội dung tích cực truyền cảm hứng về đoàn kết và gắn bó",
    "Chủ nghĩa cực đoan trên mạng nhắm vào những thanh niên cô đơn, hãy kịp thời dang tay giúp đỡ họ",
]

PERTURBATIONS = ["original", "words_10", "words_25", "hashtags", "retweet", "truncated_30", "no_diacritics"]


def perturb(text: str, kind: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    if kind == "original":
        return text
    if kind in ("words_10", "words_25"):
        share = 0.10 if kind == "words_10" else 0.25
        count = max(1, round(len(words) * share))
        for i in rng.sample(range(len(words)), count):
            words[i] = rng.choice(vocabulary)
        return " ".join(words)
    if kind == "hashtags":
        return text + " #damai #hoabinh #viral"
    if kind == "retweet":
        return "RT @pengguna_123: " + text
    if kind == "truncated_30":
        keep = max(1, round(len(words) * 0.7))
        return " ".join(words[:keep])
    if kind == "no_diacritics":
        return fold_diacritics(text)
    raise ValueError(kind)


def vocabulary(posts: list[str]) -> list[str]:
    return sorted({w.strip(",.").lower() for p in posts for w in p.split()})


def random_posts(count: int, seed: int = 7, words=None):
    """`count` distinct posts of 12-30 words drawn at random from the corpus vocabulary (a generator)."""
    rng = random.Random(seed)
    vocab = words or vocabulary(INDONESIAN + VIETNAMESE)
    for _ in range(count):
        yield " ".join(rng.choices(vocab, k=rng.randint(12, 30)))
