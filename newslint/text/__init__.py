"""Text analysis that several check kinds share: dates, names and their spellings, paragraphs,
promo line shapes. Computed once per article (through `Article.cache`) and read by the checks;
nothing here knows a rule or prints."""
