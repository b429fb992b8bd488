using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrendIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SeverityAggregates_At_AccountId",
                table: "SeverityAggregates");

            migrationBuilder.DropIndex(
                name: "IX_ComplianceAggregates_FrameworkId_SectionId_At",
                table: "ComplianceAggregates");

            migrationBuilder.CreateIndex(
                name: "IX_SeverityAggregates_Trend",
                table: "SeverityAggregates",
                columns: new[] { "At", "AccountId", "ScanRunId", "Severity", "OpenCount", "MutedOpenCount", "OverdueCount", "NewCount", "ResolvedCount", "RegressedCount", "RemediationSeconds" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceAggregates_Trend",
                table: "ComplianceAggregates",
                columns: new[] { "FrameworkId", "SectionId", "At", "AccountId", "ScanRunId", "Passed", "Failed", "Manual", "Error" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SeverityAggregates_Trend",
                table: "SeverityAggregates");

            migrationBuilder.DropIndex(
                name: "IX_ComplianceAggregates_Trend",
                table: "ComplianceAggregates");

            migrationBuilder.CreateIndex(
                name: "IX_SeverityAggregates_At_AccountId",
                table: "SeverityAggregates",
                columns: new[] { "At", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceAggregates_FrameworkId_SectionId_At",
                table: "ComplianceAggregates",
                columns: new[] { "FrameworkId", "SectionId", "At" });
        }
    }
}
