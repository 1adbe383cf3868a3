{- Block comment about
   speculative decoding. -}
module Main where
-- Line comment: ünïcödé
main = putStrLn "-- not a comment" -- trailing
