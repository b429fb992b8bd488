using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExplorerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_AccountId_CheckId_Region_ResourceId",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_FirstSeen",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_LastSeen",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AccountId_ResourceId_CheckId_Region",
                table: "Findings",
                columns: new[] { "AccountId", "ResourceId", "CheckId", "Region" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerCheck",
                table: "Findings",
                columns: new[] { "CheckId", "Status", "Severity", "CheckTitle", "ResourceId", "Id" },
                descending: new[] { false, false, true, false, false, false },
                filter: "\"MutedByRuleId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings",
                columns: new[] { "Status", "Severity", "CheckTitle", "ResourceId", "Id" },
                descending: new[] { false, true, false, false, false },
                filter: "\"MutedByRuleId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerFacets",
                table: "Findings",
                columns: new[] { "Status", "Severity", "Region", "AccountId", "TriageState", "CheckId", "LastSeen" },
                filter: "\"MutedByRuleId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerMuted",
                table: "Findings",
                columns: new[] { "Status", "Severity", "Region", "AccountId", "TriageState", "CheckId" },
                filter: "\"MutedByRuleId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_FirstSeen_Id",
                table: "Findings",
                columns: new[] { "FirstSeen", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_LastSeen_Id",
                table: "Findings",
                columns: new[] { "LastSeen", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Region",
                table: "Findings",
                column: "Region");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_AccountId_ResourceId_CheckId_Region",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerCheck",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerFacets",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerMuted",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_FirstSeen_Id",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_LastSeen_Id",
                table: "Findings");

            migrationBuilder.DropIndex(
                name: "IX_Findings_Region",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AccountId_CheckId_Region_ResourceId",
                table: "Findings",
                columns: new[] { "AccountId", "CheckId", "Region", "ResourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings",
                columns: new[] { "Status", "MutedByRuleId", "Severity", "CheckTitle", "ResourceId", "Id" },
                descending: new[] { false, false, true, false, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_FirstSeen",
                table: "Findings",
                column: "FirstSeen");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_LastSeen",
                table: "Findings",
                column: "LastSeen");
        }
    }
}
