#!/usr/bin/env lua
-- Line comment about the KV cache.
local s = "-- not a comment"
--[[ Long comment:
naïve sampling ]]
print(s) -- trailing comment
