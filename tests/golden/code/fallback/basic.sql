-- Line comment: prefix caching.
SELECT '-- not a comment' /* block comment */ FROM cache;
