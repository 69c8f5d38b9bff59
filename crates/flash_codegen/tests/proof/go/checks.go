// What every Go proof program shares: comparing results and stopping on an error.
package main

import (
	"fmt"
	"os"
	"reflect"
)

var passed, failed int

func eq(what string, got, want interface{}) {
	if reflect.DeepEqual(got, want) {
		passed++
		return
	}
	failed++
	fmt.Printf("FAIL %s: got %#v, want %#v\n", what, got, want)
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	return v
}

func ok(err error) {
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
}

func ptr[T any](v T) *T { return &v }

func finish() {
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
