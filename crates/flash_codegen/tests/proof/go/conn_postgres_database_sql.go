// database/sql with lib/pq: how the PostgreSQL proof program connects and reads numerics.
package main

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	gen "flashgen"

	_ "github.com/lib/pq"
)

type decimal = string

func connect(ctx context.Context, url string) gen.DBTX {
	if !strings.Contains(url, "?") {
		url += "?sslmode=disable"
	}
	db := must(sql.Open("postgres", url))
	ok(db.PingContext(ctx))
	return db
}

func num(s string) decimal { return s }

func decf(d decimal) float64 { return must(strconv.ParseFloat(d, 64)) }

// decn reads a numeric that may be NULL: a pointer with database/sql.
func decn(d *decimal) float64 { return decf(*d) }
