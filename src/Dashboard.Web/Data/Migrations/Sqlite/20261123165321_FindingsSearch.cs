using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Text search of the findings explorer (Data/TextSearch.cs): an FTS5 trigram index over five columns of
            // Findings, its content read from Findings itself (rowid = Id) and kept in step by triggers. detail=none
            // keeps only which rows hold each trigram (a fifth of the size of full detail); the query's LIKE confirms
            // the candidates. The update trigger fires only when one of the five columns is written, so recording a
            // scan (LastSeen) does not touch it. A later migration that rebuilds the Findings table drops these
            // triggers: recreate them there (the text search tests fail if they are missing).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "FindingsSearch" USING fts5(
                    "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn",
                    content='Findings', content_rowid='Id', tokenize='trigram', detail='none');
                """);
            migrationBuilder.Sql("""INSERT INTO "FindingsSearch"("FindingsSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Findings_SearchInsert" AFTER INSERT ON "Findings" BEGIN
                    INSERT INTO "FindingsSearch"(rowid, "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn")
                    VALUES (new."Id", new."ResourceId", new."CheckTitle", new."CheckId", new."Reason", new."ResourceArn");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Findings_SearchDelete" AFTER DELETE ON "Findings" BEGIN
                    INSERT INTO "FindingsSearch"("FindingsSearch", rowid, "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn")
                    VALUES ('delete', old."Id", old."ResourceId", old."CheckTitle", old."CheckId", old."Reason", old."ResourceArn");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Findings_SearchUpdate" AFTER UPDATE OF "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn" ON "Findings" BEGIN
                    INSERT INTO "FindingsSearch"("FindingsSearch", rowid, "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn")
                    VALUES ('delete', old."Id", old."ResourceId", old."CheckTitle", old."CheckId", old."Reason", old."ResourceArn");
                    INSERT INTO "FindingsSearch"(rowid, "ResourceId", "CheckTitle", "CheckId", "Reason", "ResourceArn")
                    VALUES (new."Id", new."ResourceId", new."CheckTitle", new."CheckId", new."Reason", new."ResourceArn");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Findings_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Findings_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Findings_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "FindingsSearch";""");
        }
    }
}
