"""Reading article text dumps into plain data.

`articles.parse_article` and `credits.parse_credit` touch no database and
import no model; `store.save_article` persists what they return.
"""
