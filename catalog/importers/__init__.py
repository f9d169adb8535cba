"""Reading article text dumps into plain data.

`articles.parse_article` touches no database and imports no model;
`store.save_article` persists what it returns.
"""
