using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExplorerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings",
                columns: new[] { "Status", "MutedByRuleId", "Severity", "CheckTitle", "ResourceId", "Id" },
                descending: new[] { false, false, true, false, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Findings_ExplorerDefault",
                table: "Findings");
        }
    }
}
