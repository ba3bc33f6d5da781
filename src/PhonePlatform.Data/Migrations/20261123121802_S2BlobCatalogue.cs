using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhonePlatform.Data.Migrations
{
    /// <inheritdoc />
    public partial class S2BlobCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BlobsReEncrypted",
                table: "KeyRotations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "StoredBlobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(900)", maxLength: 900, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    KeyVersion = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredBlobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredBlobs_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredBlobs_WorkspaceId_Kind_CreatedAt",
                table: "StoredBlobs",
                columns: new[] { "WorkspaceId", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredBlobs_WorkspaceId_Name",
                table: "StoredBlobs",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredBlobs");

            migrationBuilder.DropColumn(
                name: "BlobsReEncrypted",
                table: "KeyRotations");
        }
    }
}
