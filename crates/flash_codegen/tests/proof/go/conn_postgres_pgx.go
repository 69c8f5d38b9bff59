// pgx (v4, as Debian packages it): how the PostgreSQL proof program connects and reads numerics.
package main

import (
	"context"

	gen "flashgen"

	"github.com/jackc/pgtype"
	"github.com/jackc/pgx/v4"
)

type decimal = pgtype.Numeric

func connect(ctx context.Context, url string) gen.DBTX {
	return must(pgx.Connect(ctx, url))
}

func num(s string) decimal {
	var n pgtype.Numeric
	ok(n.Set(s))
	return n
}

func decf(d decimal) float64 {
	var f float64
	ok(d.AssignTo(&f))
	return f
}

// decn reads a numeric that may be NULL: pgtype.Numeric carries its own NULL.
func decn(d decimal) float64 { return decf(d) }
