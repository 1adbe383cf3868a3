// Package server implements speculative decoding.
package server

import "fmt" // trailing comment

/*
Block comment: tokens per second.
*/
func Serve() {
	s := "// not a comment"
	r := `/* not a comment */`
	fmt.Println(s, r) // ünïcödé: 推理
}
