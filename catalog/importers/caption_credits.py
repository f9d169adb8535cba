"""The credits captions write in themselves, checked against the credit lines.

Run once a page is parsed: every photo whose caption closes with a credit
(`(AP Photo/Jane Doe)`, `REUTERS/Jane Doe`, ...) has its credit filled from
it when the page printed none, completed when the line was cut off (a
photographer without agency, or a desk code for the agency), and is marked
`credit_conflict` when the two name different people or agencies. The
caption itself is left as printed.
"""

from catalog.credits import caption_credit, complete_credit

from .records import ParsedArticle, ParsedPhoto


def check_caption_credits(article: ParsedArticle) -> ParsedArticle:
    for photo in _photos(article):
        if photo.caption:
            photo.credit, photo.credit_conflict = complete_credit(
                photo.credit, caption_credit(photo.caption)
            )
    return article


def _photos(article: ParsedArticle) -> list[ParsedPhoto]:
    photos = list(article.photos)
    for show in article.slideshows:
        photos += [slide.photo for slide in show.slides or []]
        photos += [show.cover] if show.cover else []
    return photos
