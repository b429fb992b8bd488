using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FindingsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Text search of the findings explorer (Data/TextSearch.cs) compares lower(column) LIKE '%text%' on five
            // columns; pg_trgm GIN indexes answer that LIKE. pg_trgm ships with PostgreSQL (contrib) and is a trusted
            // extension, so the database owner may create it. Where it cannot be created the search still works,
            // by scanning: the migration says so and goes on rather than stopping the app.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                EXCEPTION WHEN OTHERS THEN
                    RAISE WARNING 'pg_trgm could not be created (%): findings text search will scan the table', SQLERRM;
                END $$;
                """);
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_trgm') THEN
                        CREATE INDEX IF NOT EXISTS "IX_Findings_Search_ResourceId" ON "Findings" USING gin (lower("ResourceId") gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS "IX_Findings_Search_CheckTitle" ON "Findings" USING gin (lower("CheckTitle") gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS "IX_Findings_Search_CheckId" ON "Findings" USING gin (lower("CheckId") gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS "IX_Findings_Search_Reason" ON "Findings" USING gin (lower("Reason") gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS "IX_Findings_Search_ResourceArn" ON "Findings" USING gin (lower("ResourceArn") gin_trgm_ops);
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Findings_Search_ResourceId";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Findings_Search_CheckTitle";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Findings_Search_CheckId";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Findings_Search_Reason";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Findings_Search_ResourceArn";""");
        }
    }
}
