# Buckets whose public access block lets public grants through.

# The settings a block leaves out are off (the provider's default is false).
resource "aws_s3_bucket" "monitoring_reports" {
  bucket = "ml-monitoring-reports-eu"
}

resource "aws_s3_bucket_public_access_block" "monitoring_reports" {
  bucket             = aws_s3_bucket.monitoring_reports.id
  block_public_acls  = true
  ignore_public_acls = true
}

# Joined by name, with public policies allowed.
resource "aws_s3_bucket" "shared_datasets" {
  bucket = "ml-shared-datasets-eu"
}

resource "aws_s3_bucket_public_access_block" "shared_datasets" {
  bucket                  = "ml-shared-datasets-eu"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

# Everything off, for a bucket of a counted set.
resource "aws_s3_bucket" "demo_site" {
  count  = 1
  bucket = "ml-demo-site-eu"
}

resource "aws_s3_bucket_public_access_block" "demo_site" {
  count                   = 1
  bucket                  = aws_s3_bucket.demo_site[count.index].bucket
  block_public_acls       = false
  ignore_public_acls      = false
  block_public_policy     = false
  restrict_public_buckets = false
}
